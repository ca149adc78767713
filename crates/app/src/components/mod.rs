//! Pieces every lab reuses: controls with labels and help, the transport (play / step / reset and
//! their keys), the frame loop, number formats, canvases, charts, colour scales.

pub mod boundary;
pub mod canvas;
pub mod colors;
pub mod controls;
pub mod curve_plot;
pub mod format;
pub mod frame_loop;
pub mod lab_shell;
pub mod line_chart;
pub mod loss_chart;
pub mod network;
pub mod row_pass;
pub mod transport;

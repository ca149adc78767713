//! Pieces every lab reuses: controls with labels and help, canvases, charts, colour scales.

pub mod boundary;
pub mod canvas;
pub mod chart;
pub mod colors;
pub mod controls;
pub mod curve_plot;
pub mod lab_shell;
pub mod line_chart;
pub mod loss_chart;
pub mod network;
pub mod row_pass;

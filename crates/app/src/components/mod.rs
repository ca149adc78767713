//! Pieces every lab reuses: controls with labels and help, the transport (play / step / reset and
//! their keys), the frame loop, number formats, canvases, charts, colour scales.

pub mod canvas;
pub mod chart;
pub mod colors;
pub mod controls;
pub mod dom;
pub mod dom_controls;
pub mod errors;
pub mod files;
pub mod format;
pub mod frame_loop;
pub mod lab_shell;
pub mod network;
pub mod training;
pub mod transport;

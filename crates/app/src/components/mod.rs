//! Pieces every lab reuses: controls with labels and help, canvases, charts, colour scales.

pub mod canvas;
pub mod chart;
pub mod colors;
pub mod controls;
pub mod lab_shell;
pub mod network;
pub mod row_pass;

//! Pieces every lab reuses: controls with labels and help, the transport (play / step / reset and
//! their keys), the frame loop, number formats, canvases, charts, colour scales (and `cvd`, the
//! test that they stay apart for colour-blind readers).

pub mod canvas;
pub mod challenges;
pub mod chart;
pub mod colors;
pub mod controls;
#[cfg(test)]
mod cvd;
pub mod dom;
pub mod dom_controls;
pub mod errors;
pub mod files;
pub mod format;
pub mod frame_loop;
pub mod lab_shell;
pub mod network;
pub mod recovery;
pub mod training;
pub mod transport;

//! The CNN lab's third page, "why convolution" (`?lab=cnn&part=why`), as its own bundle: the
//! CNN against a dense network, shifted digits, and transfer learning.

perplexed_app::lab_main!(cnn, why_page);

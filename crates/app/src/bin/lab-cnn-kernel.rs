//! The CNN lab's second page, "a kernel you can hold" (`?lab=cnn&part=kernel`), as its own
//! bundle: the explorer without the trainer, so neither page's download carries the other's code.

perplexed_app::lab_main!(cnn, kernel_page);

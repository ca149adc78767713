//! A global allocator that counts allocations per thread, for the "no allocation in the hot
//! loop" tests (per thread, so tests running in parallel don't disturb each other). Include it
//! with `#[path = "common/counting_alloc.rs"] mod counting_alloc;` — it installs itself as the
//! test binary's allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made so far on this thread.
pub fn allocations() -> usize {
    ALLOCS.with(|c| c.get())
}

/// Allocations made by `f` on this thread.
#[allow(dead_code)] // not every test file uses both
pub fn count(f: impl FnOnce()) -> usize {
    let before = allocations();
    f();
    allocations() - before
}

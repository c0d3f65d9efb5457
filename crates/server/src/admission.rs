//! How many GraphQL operations a replica executes at once. Past the pool's few connections, more operations
//! under way make none faster: they wait for a connection, each holding what it has built so far (its
//! document, its loaders, the rows and values of a page: some 100 KB for a page of 50 centres, so 256 clients
//! at once held 27 MB). An operation past the limit waits here, before it builds anything, within its
//! deadline.

use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{Semaphore, SemaphorePermit};

pub struct Admission {
    permits: Semaphore,
    executing: AtomicUsize,
    /// The most operations ever executing at once: what an operator compares with the limit.
    peak: AtomicUsize,
}

/// An operation admitted, until it is dropped.
pub struct Admitted<'a> {
    admission: &'a Admission,
    _permit: SemaphorePermit<'a>,
}

impl Admission {
    pub fn new(limit: usize) -> Admission {
        Admission {
            permits: Semaphore::new(limit.max(1)),
            executing: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    /// Waits for room, first come first served.
    pub async fn enter(&self) -> Admitted<'_> {
        let permit = self
            .permits
            .acquire()
            .await
            .unwrap_or_else(|_| unreachable!("the semaphore is never closed"));
        let now = self.executing.fetch_add(1, Ordering::Relaxed) + 1;
        self.peak.fetch_max(now, Ordering::Relaxed);
        Admitted {
            admission: self,
            _permit: permit,
        }
    }

    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::Relaxed)
    }
}

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        self.admission.executing.fetch_sub(1, Ordering::Relaxed);
    }
}

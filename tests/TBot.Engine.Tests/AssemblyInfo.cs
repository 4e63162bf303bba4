// Many tests run spinning producer and consumer threads; on a 2-core machine, running test classes in
// parallel would oversubscribe the cores and make everything slow (never wrong, but slow).
[assembly: CollectionBehavior(DisableTestParallelization = true)]

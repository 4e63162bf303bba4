// Commands start threads that spin and bind loopback ports; one at a time keeps a 2-core host sane.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

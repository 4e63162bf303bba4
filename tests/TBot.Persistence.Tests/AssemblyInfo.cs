// Tests share real Redis and PostgreSQL servers; one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

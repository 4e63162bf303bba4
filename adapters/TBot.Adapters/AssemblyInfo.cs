// Stack buffers on the hot path (parse scratch, checksum text) are always written before they are read;
// skipping their zero-initialisation saves work on every frame.
[module: System.Runtime.CompilerServices.SkipLocalsInit]

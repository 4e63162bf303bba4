using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("TBot.Persistence.Tests")]

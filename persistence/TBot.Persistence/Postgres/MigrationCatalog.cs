using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace TBot.Persistence.Postgres;

/// <summary>The migrations embedded in this assembly (Postgres/Migrations/*.sql), in version order.</summary>
public static partial class MigrationCatalog
{
    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[a-z0-9_]+?)(\.(?<path>native|timescale))?\.sql$")]
    private static partial Regex ResourceName();

    private static readonly Lazy<IReadOnlyList<Migration>> All = new(Load);

    public static IReadOnlyList<Migration> Migrations => All.Value;

    /// <summary>The migrations that apply on <paramref name="path"/>, one per version, in order.</summary>
    public static IReadOnlyList<Migration> For(SchemaPath path)
    {
        var list = new List<Migration>();
        foreach (var m in Migrations)
            if (m.Path is null || m.Path == path) list.Add(m);
        return list;
    }

    public static int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    private static IReadOnlyList<Migration> Load()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success) continue;
            SchemaPath? path = match.Groups["path"].Value switch
            {
                "native" => SchemaPath.NativePartitioning,
                "timescale" => SchemaPath.TimescaleDb,
                _ => null,
            };
            list.Add(new Migration(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value, path, Read(assembly, resource)));
        }
        list.Sort((a, b) => a.Version != b.Version ? a.Version.CompareTo(b.Version) : Nullable.Compare(a.Path, b.Path));
        Validate(list);
        return list;
    }

    // A version is either shared or has exactly one file per path; anything else is a packaging mistake that
    // would silently skip schema on one of the paths.
    private static void Validate(List<Migration> list)
    {
        foreach (var group in list.GroupBy(m => m.Version))
        {
            var shared = group.Count(m => m.Path is null);
            var native = group.Count(m => m.Path == SchemaPath.NativePartitioning);
            var timescale = group.Count(m => m.Path == SchemaPath.TimescaleDb);
            if (!(shared == 1 && native == 0 && timescale == 0) && !(shared == 0 && native == 1 && timescale == 1))
                throw new InvalidOperationException(
                    $"Migration {group.Key}: needs one shared file or one .native.sql and one .timescale.sql file.");
        }
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

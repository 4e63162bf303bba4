using TBot.Host.Configuration;

namespace TBot.Host.Tests.Configuration;

/// <summary>A temporary directory with an optional appsettings.json and a --config file, and an environment of the
/// test's own: the layering is exercised without touching the test process's environment or working directory.</summary>
internal sealed class ConfigFixture : IDisposable
{
    public ConfigFixture()
    {
        Directory.CreateDirectory(Root);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"tbot-config-{Guid.NewGuid():N}");

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string? ConfigFile { get; private set; }

    public ConfigFixture AppSettings(string json)
    {
        File.WriteAllText(Path.Combine(Root, ConfigSources.AppSettingsFile), json);
        return this;
    }

    public ConfigFixture Config(string json)
    {
        ConfigFile = Path.Combine(Root, "tbot.json");
        File.WriteAllText(ConfigFile, json);
        return this;
    }

    public ConfigFixture Env(string name, string value)
    {
        Environment[name] = value;
        return this;
    }

    public ConfigSources Sources => new([Root], ConfigFile, Environment);

    public ConfigCheck.Result Check() => ConfigCheck.Run(Sources);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}

using TBot.Host.Configuration;
using TBot.Host.Stores;

namespace TBot.Host.Tests.Configuration;

/// <summary>appsettings.json &lt; --config &lt; TBOT_ environment variables &lt; flags, into one strict RunConfig.</summary>
public class LayeringTests
{
    [Fact]
    public void Nothing_configured_is_the_embedded_default()
    {
        using var f = new ConfigFixture().Env("TBOT_REDIS", "127.0.0.1:6379").Env("TBOT_TEST_POSTGRES", "Host=x");
        var (config, problems) = RunConfigLoader.Load(f.Sources);
        Assert.Empty(problems);
        Assert.Null(config);
    }

    [Fact]
    public void Environment_variables_override_nested_keys_with_double_underscores()
    {
        using var f = new ConfigFixture()
            .Config("""{ "bots": [ { "id": 1, "strategy": "market-maker", "parameters": { "instrument": "BTCUSDT@binance", "half_spread_bps": 1 } } ], "http": { "address": "127.0.0.1:9000" } }""")
            .Env("TBOT_STORES__REDIS", "127.0.0.1:6380")
            .Env("TBOT_HTTP__ADDRESS", "127.0.0.1:9100")
            .Env("TBOT_TIMERMS", "250")
            .Env("TBOT_SHUTDOWN__OPENORDERS", "keep")
            .Env("TBOT_BOTS__0__PARAMETERS__HALF_SPREAD_BPS", "3")
            .Env("TBOT_BOTS__0__RISK__MAX_OPEN_ORDERS", "2")
            .Env("TBOT_VENUES__BINANCE__INSTRUMENTS__0__SYMBOL", "BTCUSDT")
            .Env("TBOT_VENUES__BINANCE__INSTRUMENTS__0__PRICESCALE", "2")
            .Env("TBOT_VENUES__BINANCE__INSTRUMENTS__0__QUANTITYSCALE", "5");
        var (config, problems) = RunConfigLoader.Load(f.Sources);
        Assert.Empty(problems);
        Assert.NotNull(config);
        Assert.Equal("127.0.0.1:6380", config.Stores!.Redis);
        Assert.Equal("127.0.0.1:9100", config.Http!.Address);
        Assert.Equal(250, config.TimerMs);
        Assert.Equal("keep", config.Shutdown.OpenOrders);
        var bot = Assert.Single(config.Bots!);
        Assert.Equal("3", bot.Parameters["half_spread_bps"].GetRawText());
        Assert.Equal("BTCUSDT@binance", bot.Parameters["instrument"].GetString());
        Assert.Equal(2, bot.Risk!.MaxOpenOrders);
        var instrument = Assert.Single(config.Venues["binance"].Instruments);
        Assert.Equal(("BTCUSDT", 2, 5), (instrument.Symbol, instrument.PriceScale, instrument.QuantityScale));
    }

    [Fact]
    public void Flag_beats_environment_beats_file_beats_appsettings()
    {
        using var f = new ConfigFixture()
            .AppSettings("""{ "stores": { "redis": "appsettings:1", "postgres": "Host=appsettings", "drainSeconds": 3 }, "timerMs": 50, "journal": { "directory": "from-appsettings" } }""")
            .Config("""{ "stores": { "redis": "file:2", "postgres": "Host=file" }, "timerMs": 60 }""")
            .Env("TBOT_STORES__REDIS", "env:3");
        var (config, problems) = RunConfigLoader.Load(f.Sources);
        Assert.Empty(problems);
        Assert.NotNull(config);
        Assert.Equal("from-appsettings", config.Journal.Directory); // only appsettings says it
        Assert.Equal(3, config.Stores!.DrainSeconds);              // file did not override it
        Assert.Equal(60, config.TimerMs);                          // file over appsettings
        Assert.Equal("Host=file", config.Stores.Postgres);         // file over appsettings
        Assert.Equal("env:3", config.Stores.Redis);                // environment over file
        Assert.Equal("flag:4", StoreSettings.Resolve("flag:4", null, config.Stores).Redis); // flag over everything
        Assert.Equal("env:3", StoreSettings.Resolve(null, null, config.Stores).Redis);
    }

    [Fact]
    public void The_older_single_name_variables_keep_their_meaning_and_come_last()
    {
        using var f = new ConfigFixture()
            .Config("""{ "timerMs": 100 }""")
            .Env("TBOT_REDIS", "legacy:1")
            .Env("TBOT_BINANCE_API_KEY", "not-a-section");
        var (config, problems) = RunConfigLoader.Load(f.Sources);
        Assert.Empty(problems);
        Assert.Null(config!.Stores);
        using var withStores = new ConfigFixture().Config("""{ "stores": { "redis": "file:2" } }""").Env("TBOT_REDIS", "legacy:1");
        var (layered, _) = RunConfigLoader.Load(withStores.Sources);
        Assert.Equal("file:2", layered!.Stores!.Redis);
    }

    [Fact]
    public void A_nested_variable_under_an_unknown_section_is_an_error()
    {
        using var f = new ConfigFixture().Env("TBOT_STROES__REDIS", "127.0.0.1:6379").Env("TBOT_HTTP__ADRESS", "127.0.0.1:1");
        var (_, problems) = RunConfigLoader.Load(f.Sources);
        Assert.Contains(problems, p => p.Contains("TBOT_STROES__REDIS", StringComparison.Ordinal) && p.Contains("not a configuration section", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("http.ADRESS: unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_environment_value_is_named_like_a_file_value()
    {
        using var f = new ConfigFixture().Config("{}").Env("TBOT_TIMERMS", "soon").Env("TBOT_LOGGING__FORMAT", "yaml");
        var result = f.Check();
        Assert.Contains(result.Problems, p => p.Contains("'soon' is not a whole number", StringComparison.Ordinal));
        Assert.Contains("logging.format: 'yaml' is not text or json.", result.Problems);
    }
}

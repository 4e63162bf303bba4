using System.Text.Json;
using Npgsql;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Trading;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Tests.Postgres;

/// <summary><c>strategies</c> and <c>bot_instances</c> come from the manifest's bots; a bot's status follows its
/// pause / resume / kill decisions and never moves back when an older range is projected again.</summary>
public sealed class BotRowsTests
{
    [Fact]
    public async Task Manifest_bots_become_strategies_and_control_decisions_set_their_status()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tbot-pg-bots-" + Guid.NewGuid().ToString("N"));
        try
        {
            long t = 1_764_000_000_000_000_000;
            var registry = new InstrumentRegistry();
            registry.Add(Venue.Binance, "BTCUSDT", 2, 5);
            var config = JsonDocument.Parse("""
                { "bots": [ { "id": 4, "name": "mm-a", "strategy": "market-maker", "parameters": { "spread_bps": 12 } },
                            { "id": 5, "strategy": "mean-reversion" } ] }
                """).RootElement;
            using (var writer = JournalWriter.Open(new JournalOptions { Directory = dir, FsyncPolicy = FsyncPolicy.None },
                       JournalManifest.Create(registry.All, config), out _))
            {
                void Control(int bot, ControlCommand c) => writer.AppendDecision(new DecisionRecord { Kind = DecisionKind.Control, BotId = bot, Reason = (byte)c, TimeNs = t += 1_000_000 });
                Control(4, ControlCommand.PauseBot);                                                         // 1
                Control(5, ControlCommand.PauseBot);                                                         // 2
                Control(4, ControlCommand.ResumeBot);                                                        // 3
                writer.AppendDecision(new DecisionRecord { Kind = DecisionKind.KillSwitch, BotId = 5, TimeNs = t += 1_000_000 }); // 4
            }
            await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
            await using var source = NpgsqlDataSource.Create(db.ConnectionString);
            var projection = new WarmTableProjection(source, dir, batchRecords: 2);
            var ct = TestContext.Current.CancellationToken;

            await projection.CatchUpAsync(ct);

            Assert.Equal("""4|mm-a|{"strategy": "market-maker", "parameters": {"spread_bps": 12}};5|bot-5|{"strategy": "mean-reversion", "parameters": {}}""",
                await db.ScalarAsync<string>("SELECT string_agg(concat_ws('|', strategy_id, name, parameters), ';' ORDER BY strategy_id) FROM strategies"));
            const string statuses = "SELECT string_agg(concat_ws('|', bot_id, strategy_id, status, status_position), ';' ORDER BY bot_id) FROM bot_instances";
            Assert.Equal("4|4|RUNNING|3;5|5|KILLED|4", await db.ScalarAsync<string>(statuses));

            // Positions 1..2 again (bot 4 paused, bot 5 paused back then): nothing moves back.
            await projection.ApplyRangeAsync(1, 2, ct);
            Assert.Equal("4|4|RUNNING|3;5|5|KILLED|4", await db.ScalarAsync<string>(statuses));
            Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM strategies"));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}

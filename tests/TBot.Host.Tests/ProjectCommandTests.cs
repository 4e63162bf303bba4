using System.Text.Json;

namespace TBot.Host.Tests;

/// <summary><c>tbot project</c>: the projections in a process of their own, following a journal another run writes.</summary>
public class ProjectCommandTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    [Fact]
    public async Task Following_a_run_started_after_it_fills_the_store_with_exactly_what_a_replay_projects()
    {
        var journal = Temp("journal");
        var followed = await DbCommandTests.CreateDatabaseAsync();
        var replayed = await DbCommandTests.CreateDatabaseAsync();
        try
        {
            // The projector starts first and waits for the journal; it stops after the run and catches up to the end.
            var projectJson = Temp("project.json");
            var project = Program.MainAsync(["project", "--journal", journal, "--postgres", followed, "--duration", "9s", "--json", projectJson]);
            var runJson = Temp("run.json");
            Assert.Equal(0, await Program.MainAsync(["run", "--duration", "5s", "--journal", journal, "--json", runJson]));
            Assert.Equal(0, await project);

            var run = JsonDocument.Parse(File.ReadAllText(runJson)).RootElement;
            var last = run.GetProperty("journal_info").GetProperty("last_position").GetInt64();
            var projections = JsonDocument.Parse(File.ReadAllText(projectJson)).RootElement.GetProperty("projections");
            foreach (var name in new[] { "warm_tables", "market_data", "performance_metrics" })
            {
                Assert.Equal(last, projections.GetProperty(name).GetProperty("applied").GetInt64());
                Assert.Equal(0, projections.GetProperty(name).GetProperty("lag_events").GetInt64());
            }
            // The run itself projected nothing but its in-process cache.
            Assert.Equal(["memory"], run.GetProperty("projections").EnumerateObject().Select(p => p.Name));
            Assert.Equal(run.GetProperty("orders").GetInt64(), await DbCommandTests.CountAsync(followed, "orders"));

            Assert.Equal(0, await Program.MainAsync(["replay", "--journal", journal, "--postgres", replayed]));
            Assert.Equal(await DbCommandTests.SnapshotAsync(replayed), await DbCommandTests.SnapshotAsync(followed));
        }
        finally
        {
            await DbCommandTests.DropDatabaseAsync(followed);
            await DbCommandTests.DropDatabaseAsync(replayed);
            if (Directory.Exists(journal)) Directory.Delete(journal, recursive: true);
        }
    }

    [Fact]
    public async Task Project_without_a_store_is_refused()
    {
        var saved = (Environment.GetEnvironmentVariable("TBOT_POSTGRES"), Environment.GetEnvironmentVariable("TBOT_REDIS"));
        Environment.SetEnvironmentVariable("TBOT_POSTGRES", null);
        Environment.SetEnvironmentVariable("TBOT_REDIS", null);
        try
        {
            Assert.Equal(2, await Program.MainAsync(["project", "--journal", Temp("none"), "--duration", "1s"]));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TBOT_POSTGRES", saved.Item1);
            Environment.SetEnvironmentVariable("TBOT_REDIS", saved.Item2);
        }
    }
}

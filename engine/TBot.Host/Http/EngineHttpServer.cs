using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;
using TBot.Host.Commands;
using TBot.Host.Dashboard;

namespace TBot.Host.Http;

/// <summary>
/// Kestrel serving one run's <c>/health</c> (JSON) and <c>/metrics</c> (Prometheus text format), started with the
/// run and stopped at its end. Requests run on the thread pool and only read the engine's counters.
/// </summary>
public sealed class EngineHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EngineHttpServer(WebApplication app, HttpEndpointSettings settings)
    {
        _app = app;
        Settings = settings;
    }

    public HttpEndpointSettings Settings { get; }

    /// <summary>Bind and start serving. Throws <see cref="IOException"/> when the address cannot be bound (in use,
    /// not local).</summary>
    public static async Task<EngineHttpServer> StartAsync(HttpEndpointSettings settings, RunView view, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "tbot", Args = [] });
        builder.Logging.ClearProviders();
        // Kestrel and hosting speak at warning and above; a failed bind is reported by the caller, not as a hosting stack trace.
        CliLogging.Configure(builder.Logging).AddFilter("Microsoft", LogLevel.Warning).AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(k => k.Listen(settings.Endpoint));
        builder.Services.AddSingleton(view);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<HealthReporter>();
        builder.Services.AddSingleton<EngineMetrics>();
        builder.Services.Configure<HttpAccessOptions>(o => o.Token = settings.Token);
        builder.Services.AddDashboard();

        var app = builder.Build();
        app.UseMiddleware<BearerTokenMiddleware>();
        app.MapGet("/health", (HealthReporter reporter) =>
        {
            var report = reporter.Report();
            return Results.Json(report, statusCode: HealthReporter.HttpStatus(report));
        });
        app.MapMetrics("/metrics", app.Services.GetRequiredService<EngineMetrics>().Registry);
        app.MapDashboard();
        app.MapGet("/api/metrics", Telemetry.MetricsApi.GetAsync);
        view.MetricsRegistry = app.Services.GetRequiredService<EngineMetrics>().Registry;
        Control.ControlApi.Map(app);
        Analytics.AnalyticsApi.Map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new EngineHttpServer(app, settings);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(timeout.Token).ConfigureAwait(false); }
        finally { await _app.DisposeAsync().ConfigureAwait(false); }
    }
}

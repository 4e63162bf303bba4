using System.Globalization;
using System.Net;
using System.Text;
using TBot.Adapters.Connections;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.History;

/// <summary>
/// One venue's history REST endpoints for one instrument and kind. <see cref="FetchAsync"/> pages through
/// [startMs, endMs) after the resume point and hands pages to the sink in time order (oldest first); it returns
/// how far the range is covered (endMs, or less when the venue has nothing newer yet).
/// </summary>
public abstract class HistorySource(RestClient rest, Instrument instrument, HistoryFetchOptions options)
{
    protected RestClient Rest { get; } = rest;
    protected Instrument Instrument { get; } = instrument;
    protected HistoryFetchOptions Options { get; } = options;

    public long Requests { get; private set; }

    public abstract Task<long> FetchAsync(long startMs, long endMs, CatalogTail resume, Action<HistoryPage> sink, CancellationToken ct);

    protected delegate RejectReason PageParser(ReadOnlySpan<byte> body, Instrument instrument, long receiveTimeNs, HistoryPage page);

    /// <summary>GET one page and parse it into <paramref name="page"/>, retrying transport errors, cut-off and malformed pages.</summary>
    protected async Task<long> GetPageAsync(string pathAndQuery, int weight, PageParser parse, HistoryPage page, CancellationToken ct)
    {
        var delay = Options.PageRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            page.Clear();
            string problem;
            Exception? error = null;
            try
            {
                Requests++;
                using var response = await Rest.GetAsync(pathAndQuery, weight, ct).ConfigureAwait(false);
                if (response.IsSuccess)
                {
                    var r = parse(response.Body, Instrument, response.ReceiveTimeNs, page);
                    if (r == RejectReason.None) return response.ReceiveTimeNs;
                    problem = $"unreadable page ({RejectReasons.Name(r)}): {Excerpt(response.Body)}";
                }
                else
                {
                    problem = $"HTTP {(int)response.StatusCode}: {Excerpt(response.Body)}";
                    if (response.StatusCode is not (HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError))
                        throw new HistoryFetchException($"{Instrument.Key} GET {pathAndQuery}: {problem}");
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or IOException or OperationCanceledException)
            {
                problem = ex.Message;
                error = ex;
            }
            if (attempt >= Options.PageAttempts)
                throw new HistoryFetchException($"{Instrument.Key} GET {pathAndQuery}: {problem} (after {attempt} attempts)", error);
            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay *= 2;
        }
    }

    protected static string Ms(long ms) => ms.ToString(CultureInfo.InvariantCulture);

    private static string Excerpt(ReadOnlySpan<byte> body) => Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]);
}

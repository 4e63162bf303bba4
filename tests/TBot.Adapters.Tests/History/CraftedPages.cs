using System.Net;
using System.Text;

namespace TBot.Adapters.Tests.History;

/// <summary>A fake venue REST server in the HttpClient pipeline: the first request to a path gets a crafted page, later ones an empty page.</summary>
internal sealed class CraftedPages(Dictionary<string, string> firstPageByPath, string emptyPage) : HttpMessageHandler
{
    private readonly HashSet<string> _served = [];

    public List<string> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        Requests.Add(request.RequestUri.PathAndQuery);
        var body = firstPageByPath.TryGetValue(path, out var page) && _served.Add(path) ? page : emptyPage;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}

using Yarp.ReverseProxy.Forwarder;

namespace Faas.Server.Endpoints;

/// <summary>
/// What a server app receives: the path after <c>/invoke/{app}</c> (at least <c>/</c>) with the query
/// as sent, the request's headers (YARP's defaults: hop-by-hop ones dropped, the destination's host),
/// <c>X-Forwarded-For/-Proto/-Host/-Prefix</c>, and <c>X-Execution-Id</c> (also on the response).
/// </summary>
internal sealed class InvokeTransformer(string prefix, string rest, string executionId) : HttpTransformer
{
    public const string ExecutionIdHeader = "X-Execution-Id";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var request = httpContext.Request;
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString(rest), request.QueryString);
        var remote = httpContext.Connection.RemoteIpAddress?.ToString();
        var forwardedFor = request.Headers["X-Forwarded-For"].ToString();
        proxyRequest.Headers.Remove("X-Forwarded-For");
        if (remote is not null)
        {
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor.Length > 0 ? $"{forwardedFor}, {remote}" : remote);
        }
        Set(proxyRequest, "X-Forwarded-Proto", request.Scheme);
        Set(proxyRequest, "X-Forwarded-Host", request.Host.Value ?? "");
        Set(proxyRequest, "X-Forwarded-Prefix", prefix);
        Set(proxyRequest, ExecutionIdHeader, executionId);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        httpContext.Response.Headers[ExecutionIdHeader] = executionId;
        return copy;
    }

    private static void Set(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>The prefix <c>/invoke/{app}</c> as sent and the rest of the path (<c>/</c> when empty).</summary>
    public static (string Prefix, string Remainder) Split(PathString path)
    {
        const string Invoke = "/invoke/";
        var value = path.Value ?? Invoke;
        var end = value.IndexOf('/', Invoke.Length);
        return end < 0 ? (value, "/") : (value[..end], value[end..]);
    }
}

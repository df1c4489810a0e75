using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Faas.Server.Endpoints;

/// <summary>
/// The dashboard: <c>GET /</c> is its page, <c>GET /dashboard/{file}</c> its scripts and styles. The files are
/// embedded in the server (src/Faas.Server/Dashboard), so it works offline; every other unknown path keeps the Hub's 404.
/// </summary>
internal static class DashboardEndpoints
{
    private const string ResourcePrefix = "Dashboard/";

    // Only our own files: no inline script or style, no other origin, no framing.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(LoadAssets);

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context) => Serve(context, "index.html")).ExcludeFromDescription();
        app.MapGet("/dashboard/{file}", (HttpContext context, string file) => Serve(context, file)).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!Assets.Value.TryGetValue(file, out var asset))
        {
            var request = context.Request;
            return Results.Text($"Can't find {request.Path}{request.QueryString} on this server!", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
        var headers = context.Response.Headers;
        // Compressed once at start-up (the code editor's bundle is 530 KB, about a third of that gzipped).
        var gzip = asset.Gzip is not null && AcceptsGzip(context.Request);
        var etag = gzip ? asset.ETag.Insert(asset.ETag.Length - 1, "-gz") : asset.ETag;
        // Revalidated on every load (a 304 when unchanged), so a new server version is never hidden behind a stale cache.
        headers.CacheControl = "no-cache";
        headers.ETag = etag;
        if (asset.Gzip is not null)
        {
            headers.Vary = "Accept-Encoding";
        }
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
            return Results.Bytes(asset.Gzip!, asset.ContentType);
        }
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v is not null && v.Split(',').Any(e => e.Split(';')[0].Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The gzip of files worth compressing (over 1 KiB, and smaller for it), else null.</summary>
    private static byte[]? Gzip(byte[] content)
    {
        if (content.Length < 1024)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return buffer.Length < content.Length ? buffer.ToArray() : null;
    }

    private static FrozenDictionary<string, Asset> LoadAssets()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = name[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(file), out var type))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
            assets[file] = new Asset(content, type, etag, Gzip(content));
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag, byte[]? Gzip);
}

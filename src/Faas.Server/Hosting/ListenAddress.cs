namespace Faas.Server.Hosting;

internal static class ListenAddress
{
    /// <summary>
    /// Listens on <c>http://{Faas:Host}:{Faas:Port}</c> (default <c>localhost:9000</c>) unless
    /// ASP.NET's own <c>urls</c> setting (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) names the addresses.
    /// </summary>
    public static void ListenOnConfiguredAddress(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            return;
        }
        var host = builder.Configuration["Faas:Host"] ?? "localhost";
        var port = builder.Configuration["Faas:Port"] ?? "9000";
        builder.WebHost.UseUrls($"http://{host}:{port}");
    }
}

using Faas.Core.Deployments;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Faas.Server.Hosting;

/// <summary>After a deploy, prints where each of the app's functions answers, so a newcomer sees what to call.</summary>
internal sealed partial class FunctionUrls(IServer server, HostPrefix prefix, ILogger<FunctionUrls> logger)
{
    public void Announce(Deployment deployment, string version, HttpRequest request)
    {
        if (deployment.Runtime is not { } runtime || !logger.IsEnabled(LogLevel.Information))
        {
            return;
        }
        var functions = runtime.Packages.Values.SelectMany(handles => handles).SelectMany(handle => handle.Functions)
            .DistinctBy(function => function.Name).OrderBy(function => function.Name, StringComparer.Ordinal).ToList();
        if (functions.Count == 0)
        {
            LogNoFunctions(deployment.Name.Value, version);
            return;
        }
        var root = $"{BaseAddress(request)}/{prefix.Value}/{deployment.Name}/{version}";
        foreach (var function in functions)
        {
            LogFunctionUrl(deployment.Name.Value, version, $"{root}/{(function.IsAsync ? "await" : "call")}/{Uri.EscapeDataString(function.Name)}");
        }
    }

    /// <summary>The server's first listen address (the one it was started with), else the address this request came to.</summary>
    private string BaseAddress(HttpRequest request)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            return $"{request.Scheme}://{request.Host}";
        }
        // A wildcard bind (0.0.0.0, [::], +, *) is reachable locally as localhost.
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed {App} {Version}: {Url}")]
    private partial void LogFunctionUrl(string app, string version, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed {App} {Version}: it exports no functions.")]
    private partial void LogNoFunctions(string app, string version);
}

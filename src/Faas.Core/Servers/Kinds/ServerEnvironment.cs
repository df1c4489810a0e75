namespace Faas.Core.Servers.Kinds;

/// <summary>The environment every server process gets: the version's variables and <c>PORT</c>.</summary>
internal static class ServerEnvironment
{
    public static Dictionary<string, string?> For(ServerBuildContext context, int port)
    {
        var env = context.Env.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        env["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return env;
    }
}

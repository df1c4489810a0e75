namespace Faas.Cli.Http;

/// <summary>The answer of a deploy or rollback: the server's prefix, the app and its (now active) version.</summary>
internal sealed record DeployResult(string Prefix, string App, string Version);

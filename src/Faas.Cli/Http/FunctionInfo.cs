namespace Faas.Cli.Http;

/// <summary>A function of an app's active version.</summary>
internal sealed record FunctionInfo(string Name, string Language, bool IsAsync);

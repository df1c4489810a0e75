namespace Faas.Cli.Folders;

/// <summary>One subfolder of the functions folder: the app it deploys as, and why it is that kind.</summary>
internal sealed record FunctionFolder(string Name, string Path, AppKind Kind, string Reason);

namespace Faas.Cli.Folders;

/// <summary>What a folder of the functions folder is.</summary>
internal enum AppKind
{
    /// <summary>Functions the server loads into its language workers (metacall*.json, *.lua, ...): called at <c>/{prefix}/{app}/{version}/call/{func}</c>.</summary>
    Functions,

    /// <summary>A web server of its own (Go, Dockerfile, a Node.js or Python server): proxied at <c>/invoke/{app}</c>.</summary>
    Server,
}

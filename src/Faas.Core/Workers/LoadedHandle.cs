using System.Text.Json;

namespace Faas.Core.Workers;

/// <summary>One loaded script and the functions it exports, as the worker reported them.</summary>
public sealed record LoadedHandle(string Name, IReadOnlyList<FunctionInfo> Functions, JsonElement Funcs);

/// <summary>What the server needs of a function to call it: its name, parameters and async flag.</summary>
public sealed record FunctionInfo(string Name, bool IsAsync, IReadOnlyList<string> Parameters);

namespace Faas.Core.Calls;

/// <summary>A successful call: the result's JSON as the worker wrote it (empty for undefined / None / null).</summary>
public readonly record struct CallResult(ReadOnlyMemory<byte> Json);

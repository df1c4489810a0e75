namespace Faas.Core.Calls;

/// <summary>
/// A call's arguments as JSON text: an array (positional) or, when <see cref="ByName"/>, an object
/// whose keys all name parameters.
/// </summary>
public sealed record CallArguments(ReadOnlyMemory<byte> Json, bool ByName)
{
    public static CallArguments None { get; } = new("[]"u8.ToArray(), false);
}

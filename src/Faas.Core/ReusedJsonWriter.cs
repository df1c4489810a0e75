using System.Buffers;
using System.Text.Json;

namespace Faas.Core;

/// <summary>
/// A JSON writer and its buffer kept per thread and reused, for hot code that builds a JSON text and copies it out
/// before it awaits anything (a worker request's frame, an execution's masked result): nothing is allocated per use
/// but the copy. One instance per kind of text (each has its own options); a buffer that grew past
/// <see cref="MaxKeptBytes"/> is not kept.
/// </summary>
internal sealed class ReusedJsonWriter(JsonWriterOptions options)
{
    private const int MaxKeptBytes = 64 * 1024;
    private readonly ThreadLocal<(ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)?> _kept = new();

    /// <summary>This thread's buffer, emptied, and its writer, reset onto it.</summary>
    public (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer) Start()
    {
        if (_kept.Value is not { } kept || kept.Buffer.Capacity > MaxKeptBytes)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            kept = (buffer, new Utf8JsonWriter(buffer, options));
            _kept.Value = kept;
        }
        kept.Buffer.ResetWrittenCount();
        kept.Writer.Reset(kept.Buffer);
        return kept;
    }
}

using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Faas.Worker.CSharp;

/// <summary>
/// Writes JSON-RPC replies to the protocol stream. Calls finish on many threads, so each reply is
/// built whole first and then written as one line under a lock. A null id (a notification) gets no reply.
/// </summary>
internal sealed class ReplyWriter(Stream output)
{
    // As the Node.js worker: enough for the frames in the app's files, never a huge line.
    private const int MaxStackChars = 8192;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _lock = new();
    private bool _broken;

    /// <summary>Replies with an already-serialised JSON result.</summary>
    public void Result(string? id, byte[] json) => Send(id, writer =>
    {
        writer.WritePropertyName("result"u8);
        writer.WriteRawValue(json, skipInputValidation: true);
    });

    /// <summary>Replies with a result written by <paramref name="writeValue"/>.</summary>
    public void Result(string? id, Action<Utf8JsonWriter> writeValue) => Send(id, writer =>
    {
        writer.WritePropertyName("result"u8);
        writeValue(writer);
    });

    /// <param name="stack">The exception's stack, with files and lines, for the execution record (<c>data.stack</c>).</param>
    public void Error(string? id, int code, string message, string? typeName = null, string? stack = null) => Send(id, writer =>
    {
        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, code);
        writer.WriteString("message"u8, message);
        if (typeName is not null)
        {
            writer.WriteStartObject("data"u8);
            writer.WriteString("type"u8, typeName);
            if (stack is not null)
            {
                writer.WriteString("stack"u8, stack.Length > MaxStackChars ? stack[..MaxStackChars] : stack);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    });

    /// <summary>Writes a whole message of the worker's own (a request to the server, one line).</summary>
    public void Message(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        buffer.Write("\n"u8);
        var line = buffer.WrittenSpan.ToArray();
        lock (_lock)
        {
            if (_broken)
            {
                return;
            }
            try
            {
                output.Write(line);
                output.Flush();
            }
            catch (IOException)
            {
                _broken = true;
            }
        }
    }

    private void Send(string? id, Action<Utf8JsonWriter> writeMember)
    {
        if (id is null)
        {
            return;
        }
        byte[] line;
        try
        {
            line = Build(id, writeMember);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // E.g. a message with a lone surrogate cannot be UTF-8: the caller still needs an answer.
            Console.Error.WriteLine($"faas worker: a reply could not be encoded: {e.Message}");
            line = Build(id, writer =>
            {
                writer.WritePropertyName("error"u8);
                writer.WriteRawValue("""{"code":-32603,"message":"The reply could not be encoded as JSON."}""", skipInputValidation: true);
            });
        }
        lock (_lock)
        {
            if (_broken)
            {
                return;
            }
            try
            {
                output.Write(line);
                output.Flush();
            }
            catch (IOException e)
            {
                // The server is gone: nobody is left to tell, so say it once in the log.
                _broken = true;
                Console.Error.WriteLine($"faas worker: cannot write replies: {e.Message}");
            }
        }
    }

    private static byte[] Build(string id, Action<Utf8JsonWriter> writeMember)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WritePropertyName("id"u8);
            writer.WriteRawValue(id, skipInputValidation: true);
            writeMember(writer);
            writer.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}

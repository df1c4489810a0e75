using System.Text.Json;

namespace Faas.Core.Tests.Fuzz;

/// <summary>
/// What a reply line means, decided with a full DOM parse (the parser under test streams): a line
/// is a reply when it is exactly one JSON object starting at its first byte, whose last <c>id</c>
/// is an integer that fits a long, and that holds a <c>result</c> (the last one counts) or an <c>error</c>.
/// </summary>
internal static class RpcReplyOracle
{
    /// <param name="Result">The last <c>result</c>'s text, if any.</param>
    public sealed record Reply(long Id, string? Result, bool HasError);

    public static Reply? Read(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[0] != (byte)'{')
        {
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            JsonElement? id = null;
            string? result = null;
            var hasError = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "id":
                        id = property.Value;
                        break;
                    case "result":
                        result = property.Value.GetRawText();
                        break;
                    case "error":
                        hasError = true;
                        break;
                }
            }
            if (id is not { ValueKind: JsonValueKind.Number } number || !number.TryGetInt64(out var value) || (result is null && !hasError))
            {
                return null;
            }
            return new Reply(value, result, hasError);
        }
    }
}

using System.Text;

namespace Faas.Core.Tests.Fuzz;

/// <summary>
/// Seeded lines a worker's stdout may carry: well-formed replies, and near misses that must not
/// count as one (wrong id types, an id inside a nested object, trailing text, two objects, cut
/// lines, random bytes). None holds a raw LF; some hold a raw CR.
/// </summary>
internal sealed class RandomRpcLines(RandomJson json)
{
    public Random Random => json.Random;

    /// <summary>A well-formed reply to <paramref name="id"/>, its fields in any order, with <paramref name="result"/> or an error.</summary>
    public string Reply(long id, string? result)
    {
        var fields = new List<string> { "\"jsonrpc\":\"2.0\"", $"\"id\":{id}" };
        fields.Add(result is null
            ? $"\"error\":{{\"code\":-32000,\"message\":{json.String()},\"data\":{{\"type\":\"TypeError\",\"stack\":{json.Value(2)}}}}}"
            : $"\"result\":{result}");
        if (Random.Next(3) == 0)
        {
            fields.Add($"\"extra\":{json.Value(3)}");
        }
        Shuffle(fields);
        return OneLine("{" + string.Join(",", fields) + "}");
    }

    /// <summary>A line that is not a reply to any of <paramref name="ids"/>, though it may name them.</summary>
    public string NotAReply(IReadOnlyList<long> ids)
    {
        var id = ids[Random.Next(ids.Count)];
        var valid = Reply(id, "\"wrong\"");
        return Random.Next(16) switch
        {
            0 => OneLine($"{{\"id\":\"{id}\",\"result\":\"wrong\"}}"),
            1 => OneLine($"{{\"id\":{id}.5,\"result\":\"wrong\"}}"),
            2 => OneLine($"{{\"id\":{id}e0,\"result\":\"wrong\"}}"),
            3 => OneLine($"{{\"id\":{{\"id\":{id},\"result\":\"wrong\"}}}}"),
            4 => OneLine($"{{\"id\":[{id}],\"result\":\"wrong\"}}"),
            5 => OneLine($"{{\"meta\":{{\"id\":{id},\"result\":\"wrong\"}}}}"),
            6 => OneLine($"{{\"id\":{id}}}"),
            7 => OneLine($"{{\"id\":{id},\"method\":\"log\",\"params\":[\"wrong\"]}}"),
            8 => valid + (Random.Next(2) == 0 ? "x" : "\r{\"junk\":1}"),
            9 => valid + valid,
            10 => "garbage " + valid,
            11 => valid[..Random.Next(1, valid.Length - 1)],
            12 => OneLine($"{{\"id\":{id},\"result\":\"wrong\",}}"),
            13 => OneLine($"{{\"id\":{id},\"error\":{{\"code\":{{\"id\":{id}}},\"message\":[1]}},\"id\":\"x\"}}"),
            14 => OneLine($"{{\"id\":{id},\"error\":{{\"code\":\"x\",\"message\":{{\"a\":1}},\"data\":7}},\"id\":99999999999999999999}}"),
            _ => OneLine(json.Mutate(valid)),
        };
    }

    /// <summary>Random bytes without a line feed (some not UTF-8 at all).</summary>
    public byte[] Noise()
    {
        var bytes = new byte[Random.Next(1, 200)];
        Random.NextBytes(bytes);
        if (Random.Next(2) == 0)
        {
            bytes[0] = (byte)'{';
        }
        return [.. bytes.Select(b => b == (byte)'\n' ? (byte)' ' : b)];
    }

    /// <summary>Valid JSON keeps its meaning without LF (between tokens; in strings it is escaped anyway); CR is kept.</summary>
    private static string OneLine(string text) => text.Replace("\r\n", " ").Replace('\n', ' ');

    public static byte[] Utf8(string line) => Encoding.UTF8.GetBytes(line);

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

using System.Text;
using Faas.Core.Rpc;
using Faas.Core.Tests.Fuzz;

namespace Faas.Core.Tests.Rpc;

/// <summary>Seeded lines through the reply parser: it never throws and reads a line as a reply exactly when a full JSON parse does, with the same id and result.</summary>
public sealed class RpcMessageParserFuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TryParse_GeneratedLines_AgreesWithFullParse(int seed)
    {
        var json = new RandomJson(new Random(seed));
        var lines = new RandomRpcLines(json);
        var random = json.Random;
        long[] ids = [1, 2, 3, long.MaxValue, -7];
        var replies = 0;
        for (var i = 0; i < 4000; i++)
        {
            var id = ids[random.Next(ids.Length)];
            var line = random.Next(4) switch
            {
                0 => RandomRpcLines.Utf8(lines.Reply(id, random.Next(4) == 0 ? null : json.Value(4))),
                1 => lines.Noise(),
                _ => RandomRpcLines.Utf8(lines.NotAReply(ids)),
            };
            replies += Check(line) ? 1 : 0;
        }
        Assert.InRange(replies, 800, 3200);
    }

    private static bool Check(byte[] line)
    {
        var expected = RpcReplyOracle.Read(line);
        bool parsed;
        long id;
        RpcResponse? response;
        try
        {
            parsed = RpcMessageParser.TryParse(line, out id, out response);
        }
        catch (Exception e)
        {
            Assert.Fail($"TryParse threw {e.GetType().Name} ({e.Message}) on: {Show(line)}");
            throw;
        }
        Assert.True(parsed == (expected is not null), $"TryParse said {parsed}, a full parse {expected is not null}, on: {Show(line)}");
        if (expected is null)
        {
            return false;
        }
        Assert.Equal(expected.Id, id);
        Assert.Equal(expected.HasError, response!.IsError);
        if (expected.Result is { } result)
        {
            Assert.True(JsonText.Canonical(result) == JsonText.Canonical(response.Result.Span), $"Result {Encoding.UTF8.GetString(response.Result.Span)} differs on: {Show(line)}");
        }
        return true;
    }

    private static string Show(byte[] line) => Encoding.UTF8.GetString(line);
}

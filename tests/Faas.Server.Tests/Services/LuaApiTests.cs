using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Services;

/// <summary>The Lua worker through the Hub call route: every API module, numbers, errors, with a real lua5.4.</summary>
public sealed class LuaApiTests(LuaAppFixture fixture) : IClassFixture<LuaAppFixture>
{
    private async Task<JsonElement> CallJsonAsync(string function, string args = "[]") =>
        JsonDocument.Parse(await fixture.Client.CallOkAsync(fixture.Call(function), args)).RootElement;

    [Fact]
    public async Task Call_WholeNumbers_ComeBackWithoutFraction()
    {
        Assert.Equal("3", await fixture.Client.CallOkAsync(fixture.Call("add"), "[1,2]"));
        Assert.Equal("2", await fixture.Client.CallOkAsync(fixture.Call("half"), "[4]"));
        Assert.Equal("1.5", await fixture.Client.CallOkAsync(fixture.Call("half"), "[3]"));
        Assert.Equal("""{"a":[1,2.5,"é",true],"b":{}}""", await fixture.Client.CallOkAsync(fixture.Call("echo"), """[{"a":[1,2.5,"é",true],"b":{}}]"""));
    }

    [Fact]
    public async Task Call_KwargsBindByParameterName()
    {
        Assert.Equal("7", await fixture.Client.CallOkAsync(fixture.Call("add"), """{"b":4,"a":3}"""));
    }

    [Fact]
    public async Task Call_FunctionRaises_Returns500WithItsMessage()
    {
        var response = await fixture.Client.CallBoundedAsync(fixture.Call("fails"), "[]");
        var body = await response.ExpectAsync(HttpStatusCode.InternalServerError);
        Assert.Contains("main.lua:", body, StringComparison.Ordinal);
        Assert.Contains("boom", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kv_SetGetListDelete_RoundTrips()
    {
        var result = await CallJsonAsync("kv_roundtrip", """["rt:one","v1"]""");
        Assert.True(result.GetProperty("ok").GetBoolean());
        Assert.Equal("v1", result.GetProperty("got").GetString());
        Assert.Contains("rt:one", result.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.True(result.GetProperty("deleted").GetBoolean());
        Assert.False(result.TryGetProperty("after", out _));
        Assert.False(result.GetProperty("again").GetBoolean());
    }

    [Fact]
    public async Task Env_GetSetDelete_SeesDeployEnvAndItsOwnChanges()
    {
        var result = await CallJsonAsync("env_roundtrip");
        Assert.Equal("hi", result.GetProperty("before").GetString());
        Assert.True(result.GetProperty("set").GetBoolean());
        Assert.Equal("yes", result.GetProperty("added").GetString());
        Assert.True(result.GetProperty("deleted").GetBoolean());
        Assert.False(result.TryGetProperty("after", out _));
    }

    [Fact]
    public async Task Log_Lines_GoToTheExecutionAndTheAppLog()
    {
        // The execution id comes with the call (the /fn route and the history set it); here it is sent by hand through the worker.
        Assert.Equal("true", await fixture.Client.CallOkAsync(fixture.Call("logs"), "[]"));
        var logs = await fixture.Client.WaitForLogAsync(LuaAppFixture.App, "ERROR four");
        Assert.Contains("INFO one", logs, StringComparison.Ordinal);
        Assert.Contains("WARN two", logs, StringComparison.Ordinal);
        Assert.Contains("DEBUG 3", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_GetAndPostToALocalListener_ReturnStatusBodyAndHeaders()
    {
        await using var listener = await EchoListener.StartAsync();
        var get = await CallJsonAsync("http_get", JsonSerializer.Serialize(new[] { listener.Url + "path?x=1" }));
        Assert.Equal(200, get.GetProperty("statusCode").GetInt32());
        Assert.Equal("GET /path?x=1&q=a%20b X-Test=yes body=", get.GetProperty("body").GetString());
        Assert.Equal("echo", get.GetProperty("headers").GetProperty("X-Echo").GetString());

        foreach (var method in new[] { "post", "put", "delete" })
        {
            var sent = await CallJsonAsync("http_send", JsonSerializer.Serialize(new[] { method, listener.Url + "p" }));
            var body = method == "delete" ? "" : "payload";
            Assert.Equal($"{method.ToUpperInvariant()} /p X-Test= body={body}", sent.GetProperty("body").GetString());
        }
    }

    [Fact]
    public async Task Http_ConnectionRefused_ReturnsNilAndAnError()
    {
        var result = await CallJsonAsync("http_refused");
        Assert.False(result.TryGetProperty("resp", out _));
        Assert.Contains("failed", result.GetProperty("err").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_EncodeDecode_KeepsIntegersAndReportsErrors()
    {
        var result = await CallJsonAsync("json_api");
        Assert.Equal("""{"a":1,"b":[1,2,3]}""", result.GetProperty("s").GetString());
        Assert.Equal(1, result.GetProperty("x1").GetInt32());
        Assert.Equal(2.5, result.GetProperty("x2").GetDouble());
        Assert.False(result.GetProperty("hasN").GetBoolean());
        Assert.True(result.GetProperty("err").GetBoolean());
        Assert.Equal("{}", result.GetProperty("empty").GetString());
    }

    [Fact]
    public async Task Crypto_HashesAndHmacs_MatchDotNet()
    {
        var result = await CallJsonAsync("crypto_api");
        var hello = "hello"u8.ToArray();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(hello)), result.GetProperty("md5").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(hello)), result.GetProperty("sha1").GetString());
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", result.GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(hello)), result.GetProperty("sha512").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA1.HashData("key"u8, "msg"u8)), result.GetProperty("hmac1").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("key"u8, "msg"u8)), result.GetProperty("hmac256").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA512.HashData("key"u8, "msg"u8)), result.GetProperty("hmac512").GetString());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", result.GetProperty("uuid").GetString());
    }

    [Fact]
    public async Task Time_FormatParseNowSleep_UseGoLayouts()
    {
        var result = await CallJsonAsync("time_api");
        Assert.Equal("2023-11-14 22:13:20", result.GetProperty("s").GetString());
        Assert.Equal("2023-11-14T22:13:20Z", result.GetProperty("iso").GetString());
        Assert.Equal(1700000000, result.GetProperty("p").GetInt64());
        Assert.True(result.GetProperty("err").GetBoolean());
        Assert.True(result.GetProperty("nowOk").GetBoolean());
    }

    [Fact]
    public async Task Url_ParseEncodeDecode_AsTheReference()
    {
        var result = await CallJsonAsync("url_api");
        var u = result.GetProperty("u");
        Assert.Equal("https", u.GetProperty("scheme").GetString());
        Assert.Equal("example.com:8080", u.GetProperty("host").GetString());
        Assert.Equal("/a b", u.GetProperty("path").GetString());
        Assert.Equal("frag", u.GetProperty("fragment").GetString());
        Assert.Equal("user", u.GetProperty("username").GetString());
        Assert.Equal("pw", u.GetProperty("password").GetString());
        Assert.Equal("1", u.GetProperty("query").GetProperty("x").GetString());
        Assert.Equal(["2", "3"], u.GetProperty("query").GetProperty("y").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("a+b%26c", result.GetProperty("enc").GetString());
        Assert.Equal("a b&c", result.GetProperty("dec").GetString());
        Assert.True(result.GetProperty("err").GetBoolean());
    }

    [Fact]
    public async Task Strings_Helpers_BehaveAsGo()
    {
        var result = await CallJsonAsync("strings_api");
        Assert.Equal("x", result.GetProperty("trim").GetString());
        Assert.Equal("x ", result.GetProperty("tl").GetString());
        Assert.Equal("  x", result.GetProperty("tr").GetString());
        Assert.Equal(["a", "b", "c"], result.GetProperty("split").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("a-b", result.GetProperty("join").GetString());
        Assert.True(result.GetProperty("hp").GetBoolean());
        Assert.True(result.GetProperty("hs").GetBoolean());
        Assert.Equal("bba", result.GetProperty("rep").GetString());
        Assert.Equal("bbb", result.GetProperty("all").GetString());
        Assert.Equal("ab", result.GetProperty("lower").GetString());
        Assert.Equal("AB", result.GetProperty("upper").GetString());
        Assert.True(result.GetProperty("contains").GetBoolean());
        Assert.Equal("ababab", result.GetProperty("rpt").GetString());
    }

    [Fact]
    public async Task Random_Values_HaveTheirShapes()
    {
        var result = await CallJsonAsync("random_api");
        var ints = result.GetProperty("ints").EnumerateArray().Select(v => v.GetInt32()).ToList();
        Assert.All(ints, i => Assert.InRange(i, 1, 6));
        Assert.True(ints.Distinct().Count() > 1);
        Assert.InRange(result.GetProperty("f").GetDouble(), 0, 0.999999999);
        Assert.Matches("^[A-Za-z0-9]{8}$", result.GetProperty("s").GetString());
        Assert.Equal(12, Convert.FromBase64String(result.GetProperty("b").GetString()!).Length);
        Assert.Matches("^[0-9a-f]{8}$", result.GetProperty("h").GetString());
        Assert.Matches("^[0-9a-v]{20}$", result.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Base64_EncodeDecode_StandardPadded()
    {
        var result = await CallJsonAsync("base64_api");
        Assert.Equal("aGVsbG8gd29ybGQ=", result.GetProperty("e").GetString());
        Assert.Equal("hello world", result.GetProperty("d").GetString());
        Assert.True(result.GetProperty("err").GetBoolean());
    }
}

using System.Text;
using Faas.Core.Calls;

namespace Faas.Core.Tests.Calls;

public sealed class ArgumentBinderTests
{
    private static readonly string[] SumParameters = ["a", "b"];

    private static (string Json, bool ByName) Bind(string? body, string? contentType = "application/json", string[]? parameters = null)
    {
        var arguments = ArgumentBinder.Bind(Encoding.UTF8.GetBytes(body ?? ""), contentType, parameters ?? SumParameters);
        return (Encoding.UTF8.GetString(arguments.Json.Span), arguments.ByName);
    }

    [Fact]
    public void Bind_NoBody_NoArguments() => Assert.Equal(("[]", false), Bind(null));

    [Fact]
    public void Bind_Array_PassesBodyUnchanged() => Assert.Equal(("[1, \"x\", {\"k\":null}]", false), Bind("[1, \"x\", {\"k\":null}]"));

    [Fact]
    public void Bind_ObjectWithParameterNames_BindsByName() => Assert.Equal(("{\"b\":5,\"a\":1}", true), Bind("{\"b\":5,\"a\":1}"));

    [Fact]
    public void Bind_ObjectWithOtherKeys_PositionalInJavaScriptKeyOrder() =>
        Assert.Equal(("[\"b\",\"c\",\"a\",\"d\"]", false), Bind("{\"x\":\"a\",\"2\":\"c\",\"1\":\"b\",\"y\":\"d\"}"));

    [Fact]
    public void Bind_LeadingZeroKey_IsNotAnArrayIndex() =>
        Assert.Equal(("[2,1]", false), Bind("{\"01\":1,\"1\":2}"));

    [Fact]
    public void Bind_UrlEncodedForm_StringValues() => Assert.Equal(("{\"a\":\"1\",\"b\":\"x y\"}", true), Bind("a=1&b=x+y", "application/x-www-form-urlencoded"));

    [Fact]
    public void Bind_JsonSentAsForm_ReadAsJson() => Assert.Equal(("[1,2]", false), Bind("[1,2]", "application/x-www-form-urlencoded"));

    [Fact]
    public void Bind_InvalidJsonSentAsForm_ThrowsBadRequest() =>
        Assert.Equal(FaasError.BadRequest, Assert.Throws<FaasException>(() => Bind("[1,", "application/x-www-form-urlencoded")).Error);

    [Fact]
    public void Bind_ScalarBody_OneArgument() => Assert.Equal(("[42]", false), Bind("42"));

    [Fact]
    public void Bind_EmptyObject_NoArguments() => Assert.Equal(("[]", false), Bind("{}"));

    [Fact]
    public void Bind_InvalidJson_ThrowsBadRequest()
    {
        var error = Assert.Throws<FaasException>(() => Bind("[1,"));
        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("[\n  1,\n  \"x\"\n]\n", "[1,\"x\"]")]
    [InlineData("[1,2]\n", "[1,2]")]
    [InlineData("[1,\r2]\r\n", "[1,2]")]
    [InlineData("[\"keep  spaces\\n\\r\", {\"k\" :\n [ 1 ]}]\n", "[\"keep  spaces\\n\\r\",{\"k\":[1]}]")]
    [InlineData("[\"a\u2028b\u2029c\"]", "[\"a\\u2028b\\u2029c\"]")]
    [InlineData("[\"\u00e9\u20ac\\u00e9\", 1.50e3]\n", "[\"\u00e9\u20ac\\u00e9\",1.50e3]")]
    public void Bind_ArrayWithLineBreaks_OneLineSameValue(string body, string expected)
    {
        var (json, byName) = Bind(body);

        Assert.Equal(expected, json);
        Assert.False(byName);
        Assert.DoesNotContain(json, c => c is '\n' or '\r' or '\u2028' or '\u2029');
    }

    [Fact]
    public void Bind_PrettyObjectByName_OneLine() =>
        Assert.Equal(("{\"a\":{\"x\":[1,2]},\"b\":\"l\\u2028s\"}", true), Bind("{\n  \"a\": {\n    \"x\": [1,\n 2]\n  },\r\n  \"b\": \"l\u2028s\"\n}\n"));

    [Fact]
    public void Bind_PrettyObjectPositional_OneLine() =>
        Assert.Equal(("[[1,2],\"\\u2029\"]", false), Bind("{\n \"p\": [1,\n2],\n \"q\": \"\u2029\"\n}"));

    [Fact]
    public void Bind_ScalarWithLineBreaks_OneLine() => Assert.Equal(("[\"\\u2028\"]", false), Bind("  \"\u2028\"\r\n"));

    [Fact]
    public void Bind_ProtocolLinesInsideArray_StayOneArgumentOnOneLine()
    {
        const string Forged = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":42}";

        var (json, _) = Bind("[\n" + Forged + "\n]\n");

        Assert.Equal("[" + Forged + "]", json);
    }

    [Fact]
    public void Bind_ProtocolLinesAfterArray_ThrowsBadRequest() =>
        Assert.Equal(FaasError.BadRequest, Assert.Throws<FaasException>(() => Bind("[1]\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":42}\n")).Error);

    [Fact]
    public void Bind_LineSeparatorAsWhitespace_ThrowsBadRequest() =>
        Assert.Equal(FaasError.BadRequest, Assert.Throws<FaasException>(() => Bind("[1,\u20282]")).Error);

    [Fact]
    public void Bind_FormValueWithLineBreaks_OneLine()
    {
        var (json, byName) = Bind("a=x%0Ay%0D%E2%80%A8&b=2", "application/x-www-form-urlencoded");

        Assert.True(byName);
        Assert.DoesNotContain(json, c => c is '\n' or '\r' or '\u2028');
        Assert.Equal("x\ny\r\u2028", System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("a").GetString());
    }
}

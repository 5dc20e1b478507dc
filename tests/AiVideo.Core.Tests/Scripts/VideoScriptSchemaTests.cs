using AiVideo.Core.Scripts;

namespace AiVideo.Core.Tests.Scripts;

public class VideoScriptSchemaTests
{
    private const string Valid = """
        { "title": "Moon facts", "hook": "The Moon is leaving.", "cta": "Follow for more.", "hashtags": ["#space"],
          "beats": [ { "text": "It moves four centimetres a year.", "shotId": "s01" } ],
          "shots": [ { "id": "s01", "prompt": "the moon over the sea", "durationSec": 3.5 } ] }
        """;

    private readonly VideoScriptSchema _schema = new();

    [Fact]
    public void Validate_ValidScript_ReturnsTypedScript()
    {
        var result = _schema.Validate(Valid);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("s01", result.Script!.Shots[0].Id);
        Assert.Equal("The Moon is leaving. It moves four centimetres a year. Follow for more.", result.Script.NarrationText);
    }

    [Fact]
    public void Validate_NotJson_SaysSo()
    {
        var result = _schema.Validate("{ nope");
        Assert.False(result.IsValid);
        Assert.StartsWith("not valid JSON", result.Errors[0]);
    }

    [Fact]
    public void Validate_MissingHookAndBadDuration_ReportsBoth()
    {
        var json = Valid.Replace("\"hook\": \"The Moon is leaving.\",", "").Replace("3.5", "99");
        var result = _schema.Validate(json);
        Assert.False(result.IsValid);
        var all = string.Join("\n", result.Errors);
        Assert.Contains("hook", all);
        Assert.Contains("/shots/0/durationSec", all);
    }

    [Fact]
    public void Validate_BeatNamesUnknownShot_IsRejected()
    {
        var result = _schema.Validate(Valid.Replace("\"shotId\": \"s01\"", "\"shotId\": \"s09\""));
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains("'s09' is not a shot id"));
    }

    [Fact]
    public void Validate_ExtraProperty_IsRejected()
    {
        var result = _schema.Validate(Valid.Replace("\"title\":", "\"publishTo\": \"myspace\", \"title\":"));
        Assert.False(result.IsValid);
    }
}

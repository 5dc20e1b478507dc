using AiVideo.Agents.Scripts;
using AiVideo.Core;

namespace AiVideo.Agents.Tests.Scripts;

public class BriefParserTests
{
    [Fact]
    public void Parse_TitleBulletsCtaHashtags()
    {
        var brief = new BriefParser().Parse("""
            # Why the sky is blue

            - Sunlight scatters off air molecules
            * Blue light scatters the most!
            1. Sunsets are red because the light travels farther.
            CTA: Follow for more
            Hashtags: #sky Physics
            """);
        Assert.Equal("Why the sky is blue", brief.Title);
        Assert.Equal(["Sunlight scatters off air molecules.", "Blue light scatters the most!", "Sunsets are red because the light travels farther."], brief.Facts);
        Assert.Equal("Follow for more.", brief.Cta);
        Assert.Equal(["#sky", "#Physics"], brief.Hashtags);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("# Title only\n", "no facts found")]
    [InlineData("# ab\n- fact", "title of at least 3")]
    public void Parse_Invalid_ThrowsClearMessage(string markdown, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidInputException>(() => new BriefParser().Parse(markdown)).Message);

    [Fact]
    public void Load_MissingFile_NamesIt() =>
        Assert.Contains("nope.md", Assert.Throws<InvalidInputException>(() => new BriefParser().Load("nope.md")).Message);
}

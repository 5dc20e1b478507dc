using AiVideo.Core.Domain;
using AiVideo.Core.Publishing;

namespace AiVideo.Core.Tests.Publishing;

public sealed class FootageCreditsTests
{
    private static readonly VisualCredit Jane = new("Pexels", "Jane Doe", "https://www.pexels.com/@jane", "https://www.pexels.com/video/ocean-waves-123/", "Pexels License", Required: true);
    private static readonly VisualCredit Bob = new("Pixabay", "bob", null, "https://pixabay.com/videos/id-9/", "Pixabay Content License");

    private static RenderedShot Shot(string id, params VisualCredit?[] credits) =>
        new(id, $"shots/{id}.mp4", "p", 1, 2, 1, 0)
        {
            Source = VisualSources.Pexels,
            Parts = credits.Select((c, i) => new VisualPart($"item-{id}-{i}", 0.5, 0, 1) { Credit = c }).ToList(),
        };

    [Fact]
    public void Required_KeepsOnlyCreditsTheProviderAsksFor_EachItemOnce_InShotOrder()
    {
        var other = Jane with { Author = "Ann", PageUrl = "https://www.pexels.com/video/moon-7/" };
        var credits = FootageCredits.Required([Shot("s02", other, Bob), Shot("s01", Jane, null), Shot("s03", Jane)]);

        Assert.Equal(["Jane Doe", "Ann"], credits.Select(c => c.Author));
    }

    [Fact]
    public void AppendTo_AddsOneLinePerCreditUnderTheCaption()
    {
        var metadata = new PublishMetadata("Title", "Why the Moon drifts #space", ["#space"], "ch");

        var (result, notes) = FootageCredits.AppendTo(metadata, PlatformNames.TikTok, [Jane]);

        Assert.Equal("Why the Moon drifts #space\n\nVideo by Jane Doe on Pexels (https://www.pexels.com/video/ocean-waves-123/)", result.Caption);
        Assert.Empty(notes);
    }

    [Fact]
    public void AppendTo_CaptionTooLongForCredits_ShortensTheCaptionNotTheCredits()
    {
        var metadata = new PublishMetadata("Title", new string('a', 2200), [], "ch");

        var (result, notes) = FootageCredits.AppendTo(metadata, PlatformNames.TikTok, [Jane]);

        Assert.Equal(2200, result.Caption.Length);
        Assert.EndsWith(Jane.ToDescriptionLine(), result.Caption);
        Assert.Contains("…\n\n", result.Caption);
        Assert.Single(notes);
        PlatformLimits.Validate(PlatformNames.TikTok, result);
    }

    [Fact]
    public void AppendTo_NoRequiredCredits_LeavesTheMetadataAsItIs()
    {
        var metadata = new PublishMetadata("Title", "caption", [], "ch");

        Assert.Same(metadata, FootageCredits.AppendTo(metadata, PlatformNames.YouTubeShorts, []).Metadata);
    }
}

using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;

namespace AiVideo.Agents.Tests.Scripts;

public sealed class ShotQueryTests
{
    [Theory]
    [InlineData("The Moon moves about four centimetres farther from Earth every year.", "moon centimetres earth year")]
    [InlineData("Tides cause it: the oceans pull on the Moon and hand it a little of Earth's spin.", "tides oceans pull moon earth spin")]
    [InlineData("Laser reflectors left by the Apollo crews let scientists measure the distance to within millimetres.", "laser reflectors apollo crews distance millimetres")]
    [InlineData("It is what it is.", "")]
    public void FromText_KeepsTheBeatsConcreteWords_InOrder(string beat, string expected) =>
        Assert.Equal(expected, ShotQuery.FromText(beat));

    [Fact]
    public void DeterministicWriter_EveryShotCarriesAQueryFromItsBeat()
    {
        var channel = new ChannelProfile { Id = "c", Name = "Orbit Minute", Niche = "space facts" };
        var brief = new Brief("The Moon", ["Ocean tides follow the Moon.", "Solar eclipses need a Moon just the right size."], null, []);

        var script = new DeterministicScriptWriter().Write(brief, channel);

        Assert.Equal(["ocean tides follow moon", "solar eclipses need moon size"], script.Shots.Select(s => s.Query));
    }
}

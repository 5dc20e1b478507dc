using AiVideo.Core.Domain;
using AiVideo.Core.Scripts;

namespace AiVideo.Core.Gates;

/// <summary>The handoff from ideation to voice: schema, exact brand spellings, no banned words.</summary>
public sealed class ScriptGate(VideoScriptSchema schema, BrandWordGate brandWords, BannedWordGate bannedWords)
{
    public ScriptGate() : this(new VideoScriptSchema(), new BrandWordGate(), new BannedWordGate())
    {
    }

    public IReadOnlyList<GateResult> Evaluate(string scriptJson, ChannelProfile channel, out VideoScript? script)
    {
        var validation = schema.Validate(scriptJson);
        script = validation.Script;
        if (!validation.IsValid)
        {
            return [GateResult.Fail(GateNames.ScriptSchema, "script does not match its schema: " + string.Join("; ", validation.Errors), validation.Errors.Count, 0)];
        }
        var text = string.Join("\n", script!.Title, script.NarrationText, string.Join(" ", script.Shots.Select(s => s.Prompt)));
        return
        [
            GateResult.Pass(GateNames.ScriptSchema, $"valid VideoScript: {script.Beats.Count} beats, {script.Shots.Count} shots", 0, 0),
            brandWords.Evaluate(text, channel.BrandWords),
            bannedWords.Evaluate(text, channel.BannedWords),
        ];
    }
}

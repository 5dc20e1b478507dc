namespace AiVideo.Agents.Roles;

/// <summary>What makes a role: a name, its instructions, and how many tool-call rounds one turn may take.</summary>
public sealed record RoleAgentDefinition(string Name, string Instructions, int MaxToolRounds = 6)
{
    public RoleAgentDefinition Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("an agent needs a name");
        if (string.IsNullOrWhiteSpace(Instructions)) throw new ArgumentException($"agent '{Name}' needs instructions");
        if (MaxToolRounds is < 0 or > 50) throw new ArgumentException($"agent '{Name}': MaxToolRounds {MaxToolRounds} must be 0..50");
        return this;
    }
}

using Provisio.Directory.Model;

namespace Provisio.Host.Demo;

/// <summary>A security group of the directory and its direct members (the ones an assignment through it puts in scope).</summary>
internal sealed record DemoGroup(DirectoryObject Group, IReadOnlySet<Guid> Members)
{
    public Guid Id => Group.Id;
}

using Provisio.Portal.Tests.Browser;

// One Chromium for the run of this test assembly.
[assembly: AssemblyFixture(typeof(Chromium))]

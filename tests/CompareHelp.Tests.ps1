#Requires -Version 7.4
<#
    The comparison behind ./build.ps1 -Task Docs (tools/Compare-Help.ps1), on hand-made help files: platyPS is
    not needed to show what it reports. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/CompareHelp.Tests.ps1
#>

BeforeAll {
    . (Join-Path (Split-Path -Parent $PSScriptRoot) 'tools/Compare-Help.ps1')

    function New-Maml {
        # A MAML file for one cmdlet with the given examples (title, code) and parameters, in that order.
        param([string] $Path, [object[]] $Example, [string[]] $Parameter = @('SpaceName', 'ProjectName'), [string] $Indent = '  ')

        $examples = foreach ($item in $Example) {
            "$Indent$Indent<command:example><maml:title>$($item[0])</maml:title><dev:code>$($item[1])</dev:code></command:example>"
        }
        $parameters = foreach ($name in $Parameter) {
            "$Indent$Indent<command:parameter required=`"false`" position=`"named`"><maml:name>$name</maml:name></command:parameter>"
        }
        @(
            '<?xml version="1.0" encoding="utf-8"?>'
            '<helpItems schema="maml" xmlns="http://msh" xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">'
            "$Indent<command:command>"
            "$Indent$Indent<command:details><command:name>Get-CCWorkflow</command:name><maml:description><maml:para>Gets workflows.</maml:para></maml:description></command:details>"
            "$Indent$Indent<command:parameters>"
            $parameters
            "$Indent$Indent</command:parameters>"
            "$Indent$Indent<command:examples>"
            $examples
            "$Indent$Indent</command:examples>"
            "$Indent</command:command>"
            '</helpItems>'
        ) -join "`n" | Set-Content -LiteralPath $Path -NoNewline
        return $Path
    }

    $script:Examples = @(
        , @('Example 1: List the workflows', 'Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject')
        , @('Example 2: Start the build workflow', "Get-CCWorkflow | Where-Object Name -eq 'build' | Start-CCWorkflowRun")
    )
    $script:About = @'
# CodeCatalyst
## about_CodeCatalyst

# SHORT DESCRIPTION
Runs Amazon CodeCatalyst workflows from PowerShell.

# LONG DESCRIPTION
Every object carries its SpaceName and ProjectName.

Bad input is rejected before any request is sent.
'@
}

Describe 'Comparing MAML help in order' {
    It 'finds no difference between identical files' {
        $platyPS = New-Maml "TestDrive:/platyps.xml" $Examples
        $ours = New-Maml "TestDrive:/ours.xml" $Examples

        Compare-MamlHelp -ReferencePath $platyPS -DifferencePath $ours | Should -BeNullOrEmpty
    }

    It 'does not count indentation, line ends or attribute order' {
        $platyPS = New-Maml "TestDrive:/platyps.xml" $Examples
        $ours = New-Maml "TestDrive:/ours.xml" $Examples -Indent "`t`t"
        (Get-Content $ours -Raw) -replace "`n", "`r`n" -replace 'required="false" position="named"', 'position="named" required="false"' |
            Set-Content $ours -NoNewline

        Compare-MamlHelp -ReferencePath $platyPS -DifferencePath $ours | Should -BeNullOrEmpty
    }

    It 'reports two examples swapped' {
        $platyPS = New-Maml "TestDrive:/platyps.xml" $Examples
        $ours = New-Maml "TestDrive:/ours.xml" @($Examples[1], $Examples[0])

        $differences = @(Compare-MamlHelp -ReferencePath $platyPS -DifferencePath $ours)

        $differences | Should -Not -BeNullOrEmpty
        $differences -match '^ours\.xml: platyPS line \d+: .*Example 1: List the workflows' | Should -Not -BeNullOrEmpty
        $differences -match '^ours\.xml: ours    line \d+: .*Example 2: Start the build workflow' | Should -Not -BeNullOrEmpty
    }

    It 'reports two parameters swapped' {
        $platyPS = New-Maml "TestDrive:/platyps.xml" $Examples -Parameter SpaceName, ProjectName
        $ours = New-Maml "TestDrive:/ours.xml" $Examples -Parameter ProjectName, SpaceName

        $differences = @(Compare-MamlHelp -ReferencePath $platyPS -DifferencePath $ours)

        $platyPSSide = ($differences -match 'platyPS line') -join "`n"
        $ourSide = ($differences -match 'ours    line') -join "`n"
        $platyPSSide | Should -Match '(?s)name \[\] SpaceName.*name \[\] ProjectName'
        $ourSide | Should -Match '(?s)name \[\] ProjectName.*name \[\] SpaceName'
    }

    It 'reports an example only one side has' {
        $platyPS = New-Maml "TestDrive:/platyps.xml" $Examples
        $ours = New-Maml "TestDrive:/ours.xml" @(, $Examples[0])

        $differences = @(Compare-MamlHelp -ReferencePath $platyPS -DifferencePath $ours)

        $differences | Should -Not -BeNullOrEmpty
        ($differences -match 'ours    line') | Should -BeNullOrEmpty
        ($differences -match 'Example 2: Start the build workflow') | Should -Not -BeNullOrEmpty
    }
}

Describe 'Comparing the about topic' {
    It 'finds no difference between the same text with other line ends, trailing blanks and extra blank lines' {
        Set-Content TestDrive:/platyps.txt $About -NoNewline
        $relaidOut = ($About -replace "`r?`n", "  `r`n") -replace "(?m)^  \r\n", "`r`n`r`n"
        Set-Content TestDrive:/ours.txt ($relaidOut + "`r`n`r`n") -NoNewline

        Compare-AboutTopic -ReferencePath TestDrive:/platyps.txt -DifferencePath TestDrive:/ours.txt | Should -BeNullOrEmpty
    }

    It 'reports a changed sentence' {
        Set-Content TestDrive:/platyps.txt $About -NoNewline
        Set-Content TestDrive:/ours.txt ($About -replace 'before any request', 'after the first request') -NoNewline

        $differences = @(Compare-AboutTopic -ReferencePath TestDrive:/platyps.txt -DifferencePath TestDrive:/ours.txt)

        $differences | Should -HaveCount 2
        $differences[0] | Should -BeLike '*platyPS line *: Bad input is rejected before any request is sent.'
        $differences[1] | Should -BeLike '*ours    line *: Bad input is rejected after the first request is sent.'
    }

    It 'reports two paragraphs swapped' {
        Set-Content TestDrive:/platyps.txt $About -NoNewline
        $swapped = $About -replace '(?s)(Every object.*?ProjectName\.)(\r?\n\r?\n)(Bad input.*?sent\.)', '$3$2$1'
        Set-Content TestDrive:/ours.txt $swapped -NoNewline

        Compare-AboutTopic -ReferencePath TestDrive:/platyps.txt -DifferencePath TestDrive:/ours.txt | Should -Not -BeNullOrEmpty
    }

    It 'reports an about topic our build did not write' {
        Set-Content TestDrive:/platyps.txt $About -NoNewline

        Compare-AboutTopic -ReferencePath TestDrive:/platyps.txt -DifferencePath TestDrive:/missing.txt |
            Should -BeLike '*has no such file*'
    }
}

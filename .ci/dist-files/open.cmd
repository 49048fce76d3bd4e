@echo off
rem Opens workplan in Windows Terminal when it is installed, else in this console window.
setlocal
set "HERE=%~dp0"
set "WT="
for %%W in (wt.exe) do set "WT=%%~$PATH:W"
if defined WT (
    start "" "%WT%" -d "%HERE%." "%HERE%workplan.exe" %*
    exit /b 0
)
"%HERE%workplan.exe" %*
if errorlevel 1 pause

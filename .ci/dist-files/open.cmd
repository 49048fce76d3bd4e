@echo off
rem Opens workplan in Windows Terminal when it is installed, else in this console window.
setlocal
set "HERE=%~dp0"
where wt.exe >nul 2>nul
if not errorlevel 1 (
    start "" wt.exe -d "%HERE%." "%HERE%workplan.exe" %*
    exit /b 0
)
"%HERE%workplan.exe" %*
if errorlevel 1 pause

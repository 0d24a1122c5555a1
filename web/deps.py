"""FastAPI dependencies: the app's services and the current index generation, per request."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from index.generation import Generation
from web.services import Services


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def get_generation(services: Annotated[Services, Depends(get_services)]) -> Generation:
    # Read once per request, so every part of one response comes from the same generation.
    return services.generation()


ServicesDep = Annotated[Services, Depends(get_services)]
GenerationDep = Annotated[Generation, Depends(get_generation)]

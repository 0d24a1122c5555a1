"""Every request dependency, as an `Annotated` alias: the services, who is asking, and their reader."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from assistant.reader import Identity, Reader
from web.auth import cross_site, current_user, peer
from web.conversations import Conversations
from web.services import Services
from web.users import User


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
UserDep = Annotated[User, Depends(current_user)]


def get_conversations(request: Request) -> Conversations:
    conversations: Conversations = request.app.state.conversations
    return conversations


ConversationsDep = Annotated[Conversations, Depends(get_conversations)]


def get_reader(request: Request, user: UserDep, services: ServicesDep) -> Reader:
    # One generation per request: every part of one response comes from the same index.
    via = getattr(request.state, "via", "web")
    if request.url.path.startswith("/api/") and via == "web":
        via = "api"
    address = peer(request)
    reader = services.reader(
        Identity(user.name, user.clearance, via, address=address, cross_site=cross_site(request))
    )
    request.state.reader = reader
    return reader


ReaderDep = Annotated[Reader, Depends(get_reader)]


def require_admin(user: UserDep) -> User:
    if user.role != "admin":
        raise HTTPException(403, "This page is for administrators.")
    return user


AdminDep = Annotated[User, Depends(require_admin)]

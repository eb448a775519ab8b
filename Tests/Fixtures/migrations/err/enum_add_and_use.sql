ALTER TYPE assistant_kind ADD VALUE 'Events';
INSERT INTO routing_rules (assistant, keyword) VALUES ('Events', 'tournament');
UPDATE routing_rules
   SET assistant = 'Events'
 WHERE keyword = 'league';

CREATE TABLE `feedback` (
  id INT AUTO_INCREMENT PRIMARY KEY,
  user_id uuid NOT NULL,
  rating text NOT NULL,
  INDEX idx_user (user_id),
  KEY idx_rating (rating)
) ENGINE=InnoDB;
